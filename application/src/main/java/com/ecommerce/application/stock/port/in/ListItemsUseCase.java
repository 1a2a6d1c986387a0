package com.ecommerce.application.stock.port.in;

import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;

public interface ListItemsUseCase {

    Page<ItemView> listItems(PageQuery pageQuery);
}
