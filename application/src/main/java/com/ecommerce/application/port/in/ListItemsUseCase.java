package com.ecommerce.application.port.in;

import com.ecommerce.domain.shared.Page;
import com.ecommerce.domain.shared.PageQuery;

public interface ListItemsUseCase {

    Page<ItemView> listItems(PageQuery pageQuery);
}
