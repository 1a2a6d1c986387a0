package com.ecommerce.application.stock.port.in;

import com.ecommerce.application.shared.Page;
import com.ecommerce.application.shared.PageQuery;

public interface ListItemsUseCase {

    Page<ItemView> listItems(PageQuery pageQuery);
}
